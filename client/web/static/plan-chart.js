// The plan page's chart: due and overdue counts by month, from the data-months attribute (no inline script).
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('chart');
  if (!el || typeof echarts === 'undefined') return;
  var months = JSON.parse(el.getAttribute('data-months') || '[]');
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: ['到期', '逾期'] },
    xAxis: { type: 'category', data: months.map(function (m) { return m.month; }) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '到期', type: 'bar', data: months.map(function (m) { return m.due; }) },
      { name: '逾期', type: 'bar', itemStyle: { color: '#c0392b' }, data: months.map(function (m) { return m.overdue; }) },
    ],
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
